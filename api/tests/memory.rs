//! A test binary of its own: it reads the process's resident size, which tests running
//! beside it in one process would move.

#![allow(clippy::unwrap_used)]

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn memory_freed_by_another_thread_is_given_back() {
    use api::memory::{release_freed_memory, resident_bytes};
    // A thread of its own gets an arena of its own; it frees all but the last block, which
    // pins the arena's top, so only a trim returns the pages below it.
    std::thread::spawn(|| {
        let mut blocks: Vec<Vec<u8>> = (0..400).map(|_| vec![1u8; 64 * 1024]).collect();
        let pin = std::hint::black_box(vec![1u8; 1024]);
        std::hint::black_box(&blocks);
        blocks.clear();
        let before = resident_bytes().unwrap();
        assert!(release_freed_memory(), "nothing was given back");
        let after = resident_bytes().unwrap();
        assert!(
            after + 12 * 1024 * 1024 < before,
            "{before} bytes before, {after} after"
        );
        drop(pin);
    })
    .join()
    .unwrap();
}
