//! What the page knows about the people in the conversation.

use std::fmt;

use serde::{Deserialize, Serialize};

/// [`Context::set`] was given a name that is no placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVariable(pub String);

impl fmt::Display for UnknownVariable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown variable `{}`; known: {}",
            self.0,
            VARS.join(", ")
        )
    }
}

impl std::error::Error for UnknownVariable {}

/// Values for suggestion placeholders and the checklist's "customer named"
/// item. Everything is optional: a site may not tell us a name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Context {
    /// The customer the reply is for.
    pub customer: Person,
    /// The agent writing the reply.
    pub agent: Person,
}

/// A person's names as the helpdesk shows them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    /// Given name, e.g. `Maria`.
    pub first_name: Option<String>,
    /// Full name, e.g. `Maria Lopez`.
    pub name: Option<String>,
}

/// Every placeholder name a suggestion may use.
pub(crate) const VARS: &[&str] = &[
    "customer.first_name",
    "customer.name",
    "agent.first_name",
    "agent.name",
];

impl Context {
    pub(crate) fn is_known_var(name: &str) -> bool {
        VARS.contains(&name)
    }

    /// The value of a placeholder such as `customer.first_name`; a first
    /// name falls back to the first word of the full name.
    pub fn var(&self, name: &str) -> Option<String> {
        let (person, field) = name.split_once('.')?;
        let p = match person {
            "customer" => &self.customer,
            "agent" => &self.agent,
            _ => return None,
        };
        match field {
            "first_name" => p.given_name(),
            "name" => p.name.clone(),
            _ => None,
        }
    }

    /// Sets a placeholder by name; an unknown name is an error that lists
    /// the known ones. A first name is derived from a full name when unset.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), UnknownVariable> {
        let slot = match name {
            "customer.first_name" => &mut self.customer.first_name,
            "customer.name" => &mut self.customer.name,
            "agent.first_name" => &mut self.agent.first_name,
            "agent.name" => &mut self.agent.name,
            _ => return Err(UnknownVariable(name.to_string())),
        };
        *slot = Some(value.to_string());
        Ok(())
    }

    /// The customer's first name, taken from the full name when only that
    /// is known.
    pub(crate) fn customer_first_name(&self) -> Option<String> {
        self.customer.given_name()
    }
}

impl Person {
    /// The first name, else the full name's first word: the one place this
    /// is decided (the extension sends the full name as the page shows it).
    fn given_name(&self) -> Option<String> {
        self.first_name
            .clone()
            .or_else(|| {
                self.name
                    .as_deref()
                    .and_then(|n| n.split_whitespace().next())
                    .map(str::to_string)
            })
            .filter(|n| !n.trim().is_empty())
    }
}
