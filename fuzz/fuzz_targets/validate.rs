//! Any bytes through validation and every report format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teimeta::validate::{check, FileReport, Profile};

fuzz_target!(|data: &[u8]| {
    let report = match teimeta::parse::parse_bytes(data, "fuzz.xml") {
        Ok(doc) => {
            let profile = Profile::default_profile();
            let problems = check(&doc, &profile);
            FileReport::checked(doc, problems, profile.name.as_str())
        }
        Err(e) => FileReport::unreadable(e),
    };
    let short = report.short();
    assert!(short.lines().all(|l| l.starts_with("fuzz.xml")), "{short}");
    let json: serde_json::Value = serde_json::from_str(&report.json(false)).expect("json report");
    assert_eq!(json["source"], "fuzz.xml");
});
