//! Where the reader was when it quit, so the next start opens there: the
//! open briefing and the selected entity, by id, in `<state file>.place`
//! beside the state file, so each state file has its own (mode 0600, written
//! atomically, read only as a small regular file).

use std::io;
use std::path::{Path, PathBuf};

use super::history::Place;
use crate::files::{Follow, read_capped, write_private};

fn file(state: &Path) -> PathBuf {
    let mut name = state.file_name().unwrap_or_default().to_os_string();
    name.push(".place");
    state.with_file_name(name)
}

/// The place saved beside `state`, if there is a readable one naming valid ids.
pub fn load(state: &Path) -> Option<Place> {
    let bytes = read_capped(&file(state), 4096, Follow::No).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut lines = text.lines().map(str::trim);
    let briefing = lines.next().filter(|id| crate::load::valid_id(id))?.to_string();
    let entity = lines.next().filter(|id| crate::load::valid_id(id)).map(str::to_string);
    Some(Place { briefing, entity })
}

pub fn save(state: &Path, place: &Place) -> io::Result<()> {
    let text = format!("{}\n{}\n", place.briefing, place.entity.as_deref().unwrap_or_default());
    write_private(&file(state), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_saved_is_the_place_loaded_and_junk_is_no_place() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.toml");
        assert_eq!(load(&state), None, "nothing saved yet");
        let place = Place { briefing: "moscow-attack-2024".into(), entity: Some("peter-neumann".into()) };
        save(&state, &place).unwrap();
        assert_eq!(load(&state), Some(place));
        std::fs::write(file(&state), "\x1b[2J\nPeter\n").unwrap();
        assert_eq!(load(&state), None, "an id brief could not have written");
    }

    #[test]
    fn two_state_files_in_one_folder_keep_their_own_places() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        save(&a, &Place { briefing: "moscow-attack-2024".into(), entity: None }).unwrap();
        save(&b, &Place { briefing: "ispk-profile".into(), entity: None }).unwrap();
        assert_eq!(load(&a).map(|p| p.briefing).as_deref(), Some("moscow-attack-2024"));
        assert_eq!(load(&b).map(|p| p.briefing).as_deref(), Some("ispk-profile"));
    }
}
