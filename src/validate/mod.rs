//! Validation against profiles (scaffold; being written).
