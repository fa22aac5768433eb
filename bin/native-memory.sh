# Sourced by bin/gatehouse, and by bench/run.sh for its raw Argon2id measurement, so that the server and
# the measurement it is compared with allocate Argon2's memory the same way. Each setting keeps a value
# the caller exported.
#
# glibc and Argon2's 19 MiB buffer, one per hashing thread:
# - one arena, the main one, because a second arena keeps its memory in heaps of at most 64 MiB, a buffer
#   may land in a heap of its own, and glibc unmaps a heap as soon as it is empty, whatever the trim
#   threshold: the next hash then faults 19 MiB in again (about 2,000 page faults per sign-in, in runs
#   where the threads happened to land there);
# - buffers served from the arena rather than mapped afresh (an mmap per hash costs a third of the hash rate);
# - no trimming below 64 MiB free, because the two buffers freed together leave 38 MiB at the arena's top,
#   which glibc's own threshold would hand back to the kernel;
# - transparent huge pages for the arena (glibc.malloc.hugetlb=1 asks for them with madvise): a buffer
#   then needs 10 TLB entries instead of 4,864, and Argon2 reads it at random. Between two slices of a
#   hash, request threads and the database run on the same core and evict the small-page entries; with
#   huge pages the hashing pool kept 97-104 % of the raw rate per core-second, against 94-96 % without
#   (docs/benchmarks.md).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-33554432}
export MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-67108864}
export GLIBC_TUNABLES=${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1}
