-- Pareto ranking with cumulative share of the positive total (sqlite3 with
-- window functions).
WITH s AS (SELECT customer_id, round(sum(CAST(amount AS REAL)), 2) AS amount
           FROM orders GROUP BY customer_id),
     r AS (SELECT customer_id, amount,
                  row_number() OVER (ORDER BY amount DESC) AS pareto_rank
           FROM s)
SELECT customer_id, printf('%.2f', amount) AS amount, pareto_rank,
       sum(max(amount, 0)) OVER (ORDER BY pareto_rank)
         / (SELECT sum(amount) FROM s WHERE amount > 0) AS cum_share
FROM r ORDER BY pareto_rank;
