//! The closed vocabularies of a briefing, each a type: an actor's kind, a
//! claim's confidence and its likelihood (the words of the ICD 203 scale).
//! Each is read once, when the file is parsed, and written back as the word.

/// An enum of words: its variants, their words in order, and a parse.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),*
        }

        impl $name {
            /// Every word, in order.
            pub const WORDS: &[&str] = &[$($word),*];
            const ALL: &[$name] = &[$($name::$variant),*];

            /// The word as a briefing writes it.
            pub fn as_str(self) -> &'static str {
                Self::WORDS[self as usize]
            }

            /// The value of a word as written; `None` for any other.
            pub fn parse(word: &str) -> Option<$name> {
                Self::WORDS.iter().position(|w| *w == word).map(|i| Self::ALL[i])
            }
        }
    };
}

words! {
    /// What an actor is.
    ActorKind {
        Person = "person",
        Organization = "organization",
        Group = "group",
        IntrusionSet = "intrusion-set",
        State = "state",
        Media = "media",
        Other = "other",
    }
}

words! {
    /// How sure the analyst is of a claim.
    Confidence { Low = "low", Moderate = "moderate", High = "high" }
}

words! {
    /// How likely a claim is, in the words of the ICD 203 scale.
    Likelihood {
        AlmostNoChance = "almost no chance",
        VeryUnlikely = "very unlikely",
        Unlikely = "unlikely",
        RoughlyEvenChance = "roughly even chance",
        Likely = "likely",
        VeryLikely = "very likely",
        AlmostCertain = "almost certain",
    }
}

#[cfg(test)]
mod tests {
    use super::{ActorKind, Confidence, Likelihood};

    #[test]
    fn every_word_reads_back_as_itself_and_no_other_word_reads() {
        for w in ActorKind::WORDS.iter().chain(Confidence::WORDS).chain(Likelihood::WORDS) {
            let back = [
                ActorKind::parse(w).map(ActorKind::as_str),
                Confidence::parse(w).map(Confidence::as_str),
                Likelihood::parse(w).map(Likelihood::as_str),
            ];
            assert!(back.contains(&Some(*w)), "{w}");
        }
        assert_eq!(Likelihood::parse("likely"), Some(Likelihood::Likely));
        assert_eq!(ActorKind::parse("Group"), None, "words are lower case, as the format says");
        assert!(Likelihood::Unlikely < Likelihood::AlmostCertain);
    }
}
