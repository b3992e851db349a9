//! Build script: embeds the lessons and bundles the playground.

#[path = "embed.rs"]
mod embed;

fn main() {
    embed::run();
}
