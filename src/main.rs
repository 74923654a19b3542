/// jemalloc rather than glibc's malloc: a reader that reloads after edits
/// frees a whole corpus and index at once, and glibc keeps most of what its
/// threads free; jemalloc returns unused pages to the system a second after
/// they are freed (its background thread purges them). Figures in
/// docs/PERFORMANCE.md, "One copy per host".
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: purge freed pages after 1 s,
/// on one background thread, and do not keep them as "muzzy" (lazily freed) pages.
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8; 85] =
    b"background_thread:true,max_background_threads:1,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() -> std::process::ExitCode {
    brief::cli::main()
}
