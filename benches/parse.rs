//! Parse throughput (scaffold; filled once the parser lands).
fn main() {}
