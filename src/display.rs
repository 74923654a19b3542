//! How output may look, chosen once from flags and the environment: colour
//! (`--color`, `NO_COLOR`) and the character set (`--ascii`, the locale).
//! Shared by the command line and the reader.

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Whether to colour: `--color` first, then `NO_COLOR` (set and not empty), then the terminal.
pub fn color_enabled(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Whether the locale promises UTF-8 (`LC_ALL`, then `LC_CTYPE`, then `LANG`).
pub fn utf8_locale() -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
}
