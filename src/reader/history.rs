//! Where the person has been: helix's `JumpList`, keyed by ids so a reload
//! never points history at the wrong thing.

/// A place in the reader: the open briefing and the selected entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub briefing: String,
    pub entity: Option<String>,
}

#[derive(Debug, Default)]
pub struct JumpList {
    places: Vec<Place>,
    /// Index of the place `back` returns to next, plus one.
    cursor: usize,
}

const CAP: usize = 100;

impl JumpList {
    /// Records `from` before a jump: the forward half is dropped, a repeat of
    /// the last place is skipped, the oldest falls off past the cap.
    pub fn push(&mut self, from: Place) {
        self.places.truncate(self.cursor);
        if self.places.last() != Some(&from) {
            self.places.push(from);
        }
        if self.places.len() > CAP {
            self.places.remove(0);
        }
        self.cursor = self.places.len();
    }

    /// The place before `here`, remembering `here` so `forward` can return.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        if self.cursor == 0 {
            return None;
        }
        if self.cursor == self.places.len() && self.places.last() != Some(&here) {
            self.places.push(here);
            if self.places.len() > CAP {
                self.places.remove(0);
                self.cursor -= 1;
            }
        }
        self.cursor -= 1;
        Some(self.places[self.cursor].clone())
    }

    pub fn forward(&mut self) -> Option<Place> {
        let next = self.places.get(self.cursor + 1)?.clone();
        self.cursor += 1;
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str) -> Place {
        Place { briefing: "b".into(), entity: Some(id.into()) }
    }

    #[test]
    fn back_and_forward_walk_the_jumps() {
        let mut h = JumpList::default();
        h.push(p("a")); // at a, jump to b
        h.push(p("b")); // at b, jump to c
        assert_eq!(h.back(p("c")), Some(p("b")));
        assert_eq!(h.back(p("b")), Some(p("a")));
        assert_eq!(h.back(p("a")), None);
        assert_eq!(h.forward(), Some(p("b")));
        assert_eq!(h.forward(), Some(p("c")));
        assert_eq!(h.forward(), None);
    }

    #[test]
    fn a_new_jump_drops_the_forward_half() {
        let mut h = JumpList::default();
        h.push(p("a"));
        h.push(p("b"));
        assert_eq!(h.back(p("c")), Some(p("b")));
        h.push(p("b")); // from b, jump to d
        assert_eq!(h.forward(), None);
        assert_eq!(h.back(p("d")), Some(p("b")));
        assert_eq!(h.back(p("b")), Some(p("a")));
    }
}
