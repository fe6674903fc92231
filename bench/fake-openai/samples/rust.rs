use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
struct Item {
    name: String,
    quantity: u32,
    unit_cents: u64,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} x{} @ {}", self.name, self.quantity, self.unit_cents)
    }
}

#[derive(Default)]
struct Inventory {
    items: HashMap<String, Item>,
}

impl Inventory {
    fn add(&mut self, name: &str, quantity: u32, unit_cents: u64) {
        let entry = self.items.entry(name.to_string()).or_insert(Item {
            name: name.to_string(),
            quantity: 0,
            unit_cents,
        });
        entry.quantity += quantity;
        entry.unit_cents = unit_cents;
    }

    fn take(&mut self, name: &str, quantity: u32) -> Result<u32, String> {
        match self.items.get_mut(name) {
            Some(item) if item.quantity >= quantity => {
                item.quantity -= quantity;
                Ok(item.quantity)
            }
            Some(item) => Err(format!("only {} of {} left", item.quantity, name)),
            None => Err(format!("no item {}", name)),
        }
    }

    fn value_cents(&self) -> u64 {
        self.items
            .values()
            .map(|item| u64::from(item.quantity) * item.unit_cents)
            .sum()
    }
}

fn main() {
    let mut inventory = Inventory::default();
    inventory.add("bolt", 100, 5);
    inventory.add("nut", 50, 3);
    match inventory.take("bolt", 30) {
        Ok(left) => println!("bolts left: {}", left),
        Err(e) => println!("error: {}", e),
    }
    if let Err(e) = inventory.take("washer", 1) {
        println!("error: {}", e);
    }
    let mut names: Vec<&Item> = inventory.items.values().collect();
    names.sort_by(|a, b| a.name.cmp(&b.name));
    for item in names {
        println!("{}", item);
    }
    println!("value: {} cents", inventory.value_cents());
}
