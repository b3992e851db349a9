//! Build script: embeds the lessons and bundles the playground.

#[path = "embed.rs"]
mod embed;
#[path = "playground.rs"]
mod playground;

fn main() {
    embed::run();
    playground::run();
}
