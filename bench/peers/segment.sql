-- The rfm preset of crm-segment(1) (samples/segment-rfm.yaml) in SQL
-- (sqlite3 after .import, csvsql): the first matching rule wins, Others
-- by default and for customers without scores (refunds only).
SELECT customer_id,
       CASE
         WHEN r_score IS NULL OR r_score = '' THEN 'Others'
         WHEN r BETWEEN 4 AND 5 AND f BETWEEN 4 AND 5 AND m BETWEEN 4 AND 5
           THEN 'Champions'
         WHEN r BETWEEN 2 AND 5 AND f BETWEEN 3 AND 5 AND m BETWEEN 3 AND 5
           THEN 'Loyal Customers'
         WHEN r BETWEEN 3 AND 5 AND f BETWEEN 1 AND 3 AND m BETWEEN 1 AND 3
           THEN 'Potential Loyalist'
         WHEN r BETWEEN 4 AND 5 AND f = 1 AND m = 1 THEN 'New Customers'
         WHEN r BETWEEN 3 AND 4 AND f = 1 AND m = 1 THEN 'Promising'
         WHEN r BETWEEN 2 AND 3 AND f BETWEEN 2 AND 3 AND m BETWEEN 2 AND 3
           THEN 'Need Attention'
         WHEN r BETWEEN 2 AND 3 AND f BETWEEN 1 AND 2 AND m BETWEEN 1 AND 2
           THEN 'About To Sleep'
         WHEN r BETWEEN 1 AND 2 AND f BETWEEN 2 AND 5 AND m BETWEEN 2 AND 5
           THEN 'At Risk'
         WHEN r = 1 AND f BETWEEN 4 AND 5 AND m BETWEEN 4 AND 5
           THEN 'Can''t Lose Them'
         WHEN r BETWEEN 1 AND 2 AND f BETWEEN 1 AND 2 AND m BETWEEN 1 AND 2
           THEN 'Lost'
         ELSE 'Others'
       END AS segment
FROM (SELECT customer_id, r_score, CAST(r_score AS INTEGER) AS r,
             CAST(f_score AS INTEGER) AS f, CAST(m_score AS INTEGER) AS m
      FROM customers);
