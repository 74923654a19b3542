/// jemalloc rather than glibc's malloc: a reader that reloads after edits
/// frees a whole corpus and index at once, and glibc keeps most of what its
/// threads free; jemalloc returns free pages to the system. Figures in docs/PERFORMANCE.md, "One copy per host".
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: free pages go back after 3 s.
/// That suits commands, which end soon: with none kept (no decay) a cold
/// `brief search` on 10,000 briefings took 1.5x the time (5.2 s against
/// 7.5 s, most of it the system's time to give pages back and fault them
/// in again). The reader, open all day, gives them back at once
/// (`reader::give_back_at_once`).
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8; 40] = b"dirty_decay_ms:3000,muzzy_decay_ms:3000\0";

fn main() -> std::process::ExitCode {
    brief::cli::main()
}
