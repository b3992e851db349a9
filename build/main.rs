//! Build script: embeds the lessons and bundles the playground.

fn main() {}
