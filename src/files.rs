//! Watching files by their modification times: the one directory walker,
//! used by authoring mode (re-render lessons) and `grade --watch`.
//!
//! Comparing the modification times of a few dozen files twice a second is
//! simpler and more portable than OS file events. Walking is blocking file
//! work: async callers run [`modification_times`] with `spawn_blocking`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The modification time of every file under `dirs`, by path. A folder that
/// does not exist contributes nothing.
pub fn modification_times(dirs: &[PathBuf]) -> BTreeMap<PathBuf, SystemTime> {
    let mut times = BTreeMap::new();
    for dir in dirs {
        collect(dir, &mut times);
    }
    times
}

fn collect(dir: &Path, times: &mut BTreeMap<PathBuf, SystemTime>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            collect(&path, times);
        } else if let Ok(modified) = meta.modified() {
            times.insert(path, modified);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_changed_or_new_file_changes_the_times() {
        let dir = std::env::temp_dir().join(format!("realtime-lab-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).expect("create a temp folder");
        let file = dir.join("nested").join("ex01_board.rs");
        std::fs::write(&file, "fn a() {}").expect("write a file");
        let before = modification_times(std::slice::from_ref(&dir));
        assert_eq!(before.len(), 1);
        let later = SystemTime::now() + Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|handle| handle.set_modified(later))
            .expect("touch the file");
        let touched = modification_times(std::slice::from_ref(&dir));
        assert_ne!(touched, before);
        std::fs::write(dir.join("new.rs"), "").expect("write another file");
        assert_eq!(modification_times(std::slice::from_ref(&dir)).len(), 2);
        assert!(modification_times(&[dir.join("missing")]).is_empty());
        std::fs::remove_dir_all(&dir).expect("remove the temp folder");
    }
}
