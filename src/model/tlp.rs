//! The Traffic Light Protocol (TLP 2.0) marking of a briefing: who may see
//! it. Levels run least restrictive first, so the strictest of several is
//! their maximum.

/// A TLP 2.0 level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

impl Tlp {
    pub const ALL: [Tlp; 5] = [Tlp::Clear, Tlp::Green, Tlp::Amber, Tlp::AmberStrict, Tlp::Red];
    /// As briefings write them, in the same order.
    pub const NAMES: [&'static str; 5] = ["clear", "green", "amber", "amber+strict", "red"];

    /// As a briefing writes it: `amber+strict`.
    pub fn as_str(self) -> &'static str {
        Tlp::NAMES[self as usize]
    }

    /// As a marking is shown: `TLP:AMBER+STRICT`.
    pub fn label(self) -> String {
        format!("TLP:{}", self.as_str().to_uppercase())
    }

    /// A level as briefings and STIX tools write it, in any case; TLP 1.0's
    /// `white` is TLP 2.0's `clear`.
    pub fn parse(name: &str) -> Option<Tlp> {
        let name = name.trim().to_ascii_lowercase();
        let name = if name == "white" { "clear" } else { name.as_str() };
        Tlp::NAMES.iter().position(|n| *n == name).map(|i| Tlp::ALL[i])
    }

    /// Whether a file holding it is for its owner alone (AMBER and stricter).
    pub fn private(self) -> bool {
        self >= Tlp::Amber
    }
}

#[cfg(test)]
mod tests {
    use super::Tlp;

    #[test]
    fn levels_read_as_written_and_order_by_how_restrictive_they_are() {
        assert_eq!(Tlp::parse("AMBER+STRICT"), Some(Tlp::AmberStrict));
        assert_eq!(Tlp::parse("white"), Some(Tlp::Clear));
        assert_eq!(Tlp::parse("purple"), None);
        assert_eq!([Tlp::Green, Tlp::Red, Tlp::Amber].into_iter().max(), Some(Tlp::Red));
        assert!(Tlp::Amber.private() && !Tlp::Green.private());
        assert_eq!(Tlp::AmberStrict.label(), "TLP:AMBER+STRICT");
        assert!(Tlp::ALL.iter().all(|t| Tlp::parse(t.as_str()) == Some(*t)));
    }
}
