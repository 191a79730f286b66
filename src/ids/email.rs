//! Email addresses, by the grammar HTML uses for `<input type=email>`.

use super::Fault;

/// A syntactically valid email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Email<'a> {
    address: &'a str,
}

impl<'a> Email<'a> {
    /// Parses an address (surrounding space ignored); see [`check`] for the grammar.
    pub fn parse(value: &'a str) -> Result<Self, Fault> {
        check(value).map(|()| Email {
            address: value.trim(),
        })
    }

    /// The address, trimmed.
    pub fn as_str(&self) -> &'a str {
        self.address
    }
}

/// An email address by the grammar HTML uses for `<input type=email>`:
/// `local@label(.label)*`, where the local part is ASCII letters, digits and
/// ``.!#$%&'*+/=?^_`{|}~-`` and each domain label is 1 to 63 letters, digits or hyphens,
/// not starting or ending with a hyphen.
pub fn check(value: &str) -> Result<(), Fault> {
    let v = value.trim();
    let bad = |why: &str| Err(Fault::Syntax(why.to_string()));
    if v.get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        return bad("write the address without \"mailto:\"");
    }
    let Some((local, domain)) = v.split_once('@') else {
        return bad("an email address has an \"@\"");
    };
    if local.is_empty() {
        return bad("nothing before the \"@\"");
    }
    if let Some(c) = local
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)))
    {
        return Err(Fault::Syntax(format!(
            "{} is not allowed before the \"@\"",
            describe_char(c)
        )));
    }
    if domain.is_empty() {
        return bad("nothing after the \"@\"");
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return bad("the domain has an empty part (two dots in a row, or a dot at an end)");
        }
        if label.len() > 63 {
            return bad("a domain part is longer than 63 characters");
        }
        if let Some(c) = label
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(Fault::Syntax(format!(
                "{} is not allowed in the domain after the \"@\"",
                describe_char(c)
            )));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return bad("a domain part cannot start or end with a hyphen");
        }
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '@' => "a second \"@\"".to_string(),
        c if c.is_whitespace() => "white space".to_string(),
        c => format!("\"{c}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_follows_the_html_grammar() {
        for ok in ["popeyevn@sogang.ac.kr", "a.b+c@x-y.org", "x@localhost"] {
            assert_eq!(Email::parse(ok).map(|e| e.as_str()), Ok(ok), "{ok}");
        }
        for bad in [
            "popeyevn",
            "@x.org",
            "a@",
            "a b@x.org",
            "a@x..org",
            "a@-x.org",
            "a@x-.org",
            "mailto:a@x.org",
            "a@b@c.org",
            "prénom@x.org",
            "a@x.org.",
            "pѨ@x.org",
            "ÉÉÉÉ@x",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
