//! Every command the app registers is declared in the app manifest (build.rs), so that it needs a
//! permission, and is granted to the main window by exactly one permission set. A command added
//! without these fails here, not silently in the window (Tauri refuses an ungranted command at run
//! time with an error the clerk would see).

use std::collections::BTreeSet;

/// The quoted snake_case names of a list, e.g. the commands in build.rs.
fn quoted_names(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_owned)
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).map_or(text.len(), |i| i + start.len());
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn every_command_is_declared_and_granted_once() {
    let lib = include_str!("lib.rs");
    let registered: BTreeSet<String> = between(lib, "generate_handler![", "]")
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    let declared = quoted_names(between(include_str!("../build.rs"), ".commands(&[", "]"));
    assert_eq!(
        registered, declared,
        "generate_handler! and build.rs differ"
    );

    let permissions: toml::Table = include_str!("../permissions/app.toml")
        .parse()
        .unwrap_or_default();
    let granted_sets: BTreeSet<String> = CAPABILITIES
        .iter()
        .flat_map(|text| granted(text).1)
        .collect();
    let mut granted = Vec::new();
    for set in permissions
        .get("set")
        .and_then(|s| s.as_array())
        .into_iter()
        .flatten()
    {
        let id = set.get("identifier").and_then(|v| v.as_str()).unwrap_or("");
        assert!(
            granted_sets.contains(id),
            "the set {id} is granted to no window"
        );
        for p in set
            .get("permissions")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            let name = p.as_str().unwrap_or("").trim_start_matches("allow-");
            granted.push(name.replace('-', "_"));
        }
    }
    let granted_set: BTreeSet<String> = granted.iter().cloned().collect();
    assert_eq!(granted.len(), granted_set.len(), "a command is in two sets");
    assert_eq!(granted_set, declared, "permission sets and commands differ");
}

/// The capability files of the app's windows.
const CAPABILITIES: [&str; 2] = [
    include_str!("../capabilities/default.json"),
    include_str!("../capabilities/customer-display.json"),
];

/// A capability's windows and what it grants.
fn granted(text: &str) -> (Vec<String>, Vec<String>) {
    let capability: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let list = |key: &str| -> Vec<String> {
        capability[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    (list("windows"), list("permissions"))
}

/// The customer's own window faces the customer: it may read its offer, report steps, hand in the
/// signature, read the policy's labels and whether it is a demo, and nothing else (no lookup, no
/// report, no capture).
#[test]
fn the_customer_window_is_granted_its_own_commands_only() {
    let (windows, permissions) = granted(include_str!("../capabilities/customer-display.json"));
    assert_eq!(windows, vec!["customer".to_owned()]);
    let expected: BTreeSet<&str> = [
        "customer-display",
        "allow-vocabulary",
        "allow-app-info",
        "core:event:allow-listen",
        "core:event:allow-unlisten",
    ]
    .into_iter()
    .collect();
    assert_eq!(
        permissions
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        expected
    );
    let sets: toml::Table = include_str!("../permissions/app.toml")
        .parse()
        .unwrap_or_default();
    let display_set = sets
        .get("set")
        .and_then(|s| s.as_array())
        .into_iter()
        .flatten()
        .find(|s| s.get("identifier").and_then(|v| v.as_str()) == Some("customer-display"))
        .and_then(|s| s.get("permissions"))
        .and_then(|p| p.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect::<BTreeSet<_>>())
        .unwrap_or_default();
    assert_eq!(
        display_set,
        [
            "allow-customer-display-state",
            "allow-customer-display-progress",
            "allow-customer-display-submit"
        ]
        .into_iter()
        .collect()
    );
    // And the clerk's window does not take the customer's part.
    let (main_windows, main) = granted(include_str!("../capabilities/default.json"));
    assert_eq!(main_windows, vec!["main".to_owned()]);
    assert!(!main.iter().any(|p| p == "customer-display"));
}

/// Kiosk behaviour: a release build has no developer tools. Tauri opens them only in debug builds
/// unless its `devtools` feature is on; neither manifest may turn it on.
#[test]
fn release_builds_have_no_devtools() {
    for manifest in [
        include_str!("../Cargo.toml"),
        include_str!("../../Cargo.toml"),
    ] {
        let tauri_lines = manifest
            .lines()
            .filter(|l| l.trim_start().starts_with("tauri"));
        for line in tauri_lines {
            assert!(!line.contains("devtools"), "{line}");
        }
    }
}
