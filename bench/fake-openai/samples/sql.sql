-- Orders and their lines, with a report of revenue per customer and month.
CREATE TABLE customers (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE
);

CREATE TABLE orders (
    id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    placed_at TIMESTAMP NOT NULL
);

CREATE TABLE order_lines (
    order_id BIGINT NOT NULL REFERENCES orders (id),
    line_no INTEGER NOT NULL,
    product TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_cents BIGINT NOT NULL CHECK (unit_cents >= 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE INDEX orders_customer_placed ON orders (customer_id, placed_at);

INSERT INTO customers (id, name, email) VALUES
    (1, 'Ada', 'ada@example.com'),
    (2, 'Bob', 'bob@example.com');

INSERT INTO orders (id, customer_id, placed_at) VALUES
    (10, 1, '2026-01-05 10:00:00'),
    (11, 1, '2026-02-11 09:30:00'),
    (12, 2, '2026-02-20 16:45:00');

INSERT INTO order_lines (order_id, line_no, product, quantity, unit_cents) VALUES
    (10, 1, 'keyboard', 1, 4500),
    (10, 2, 'cable', 2, 300),
    (11, 1, 'monitor', 1, 19900),
    (12, 1, 'mouse', 3, 1200);

SELECT c.name,
       date_trunc('month', o.placed_at) AS month,
       count(DISTINCT o.id) AS orders,
       sum(l.quantity * l.unit_cents) AS revenue_cents
  FROM customers c
  JOIN orders o ON o.customer_id = c.id
  JOIN order_lines l ON l.order_id = o.id
 GROUP BY c.name, date_trunc('month', o.placed_at)
 ORDER BY c.name, month;
