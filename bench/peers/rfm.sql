-- RFM aggregation per customer in SQL (sqlite3 after .import, csvsql):
-- a negative amount is a refund, in the sum but not an order or its date.
SELECT customer_id,
       max(CASE WHEN CAST(amount AS REAL) >= 0 THEN order_date END) AS last_order,
       sum(CAST(amount AS REAL) >= 0) AS frequency,
       printf('%.2f', sum(CAST(amount AS REAL))) AS monetary
FROM orders GROUP BY customer_id;
