/// jemalloc rather than glibc's malloc: a reader that reloads after edits
/// frees a whole corpus and index at once, and glibc keeps most of what its
/// threads free; jemalloc, set as below, returns pages to the system as soon
/// as they are free. Figures in docs/PERFORMANCE.md, "One copy per host".
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: free pages go back at once
/// (no decay), rather than after a second. On 1,000 briefings rewritten
/// every 0.3 s the reader's peak was 2.19x its rest against 2.51x with a
/// 1 s decay; `brief check` and a cold `brief search` on 10,000 took the
/// same time either way (paired runs).
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8; 34] = b"dirty_decay_ms:0,muzzy_decay_ms:0\0";

fn main() -> std::process::ExitCode {
    brief::cli::main()
}
