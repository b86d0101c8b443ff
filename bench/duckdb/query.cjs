// DuckDB as a peer of `make bench`, through @duckdb/node-api (the npm
// package ships DuckDB's library, so no build and no other registry):
//
//   node query.cjs MODULES TASK ORDERS.csv THREADS
//
// MODULES is the folder that `npm install` filled from bench/duckdb/
// package.json (bench/run.sh uses BUILD_DIR/bench/duckdb); TASK one of
//   rfm           per customer: first and last order date, orders (rows
//                 with amount >= 0: a refund is no order), net sum
//   rfm-distinct  the same with count(DISTINCT order_id) for the orders
//                 (crm-score --order order_id)
//   pareto        per customer sum, ranked, with the cumulative share of
//                 the positive total (crm-pareto --by customer_id)
//   version       DuckDB's version (ORDERS.csv and THREADS are not read)
// THREADS is DuckDB's `threads` setting.  The answer is CSV on standard
// output, written by DuckDB's COPY; bench/run.sh checks it against ours.
//
// The columns are given with their types, as the other SQL peers do, so
// that DuckDB does not sniff the file first; amounts are DECIMAL(18,2),
// summed exactly as crm sums them.
'use strict';

const path = require('path');
const { createRequire } = require('module');

async function main() {
	const [modules, task, file, threads] = process.argv.slice(2);
	const req = createRequire(path.join(path.resolve(modules || '.'), 'package.json'));
	const { DuckDBInstance } = req('@duckdb/node-api');
	if (task === 'version') {
		const db = await DuckDBInstance.create(':memory:');
		const con = await db.connect();
		const r = await con.runAndReadAll('SELECT version()');
		process.stdout.write(`${r.getRows()[0][0]}\n`);
		return;
	}
	if (!modules || !task || !file || !threads) {
		process.stderr.write('usage: node query.cjs MODULES TASK FILE THREADS\n');
		process.exit(2);
	}
	const q = (s) => "'" + s.replace(/'/g, "''") + "'";
	const orders = `read_csv(${q(file)}, header = true, delim = ',',
	    quote = '"', escape = '"', columns = {'order_id': 'VARCHAR',
	    'customer_id': 'VARCHAR', 'name': 'VARCHAR', 'order_date': 'DATE',
	    'amount': 'DECIMAL(18,2)'})`;
	const orderCount = {
		'rfm': 'count(*) FILTER (WHERE amount >= 0)',
		'rfm-distinct': 'count(DISTINCT order_id) FILTER (WHERE amount >= 0)',
	};
	let sql;
	if (task in orderCount) {
		sql = `SELECT customer_id,
		    min(order_date) FILTER (WHERE amount >= 0) AS first_order,
		    max(order_date) FILTER (WHERE amount >= 0) AS last_order,
		    ${orderCount[task]} AS frequency, sum(amount) AS monetary
		    FROM ${orders} GROUP BY customer_id`;
	} else if (task === 'pareto') {
		sql = `WITH s AS (SELECT customer_id, sum(amount) AS amount
		    FROM ${orders} GROUP BY customer_id)
		    SELECT customer_id, amount,
		    row_number() OVER w AS pareto_rank,
		    sum(greatest(amount, 0)) OVER w /
		        (SELECT sum(amount) FROM s WHERE amount > 0) AS cum_share
		    FROM s WINDOW w AS (ORDER BY amount DESC
		        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
		    ORDER BY pareto_rank`;
	} else {
		process.stderr.write(`query.cjs: unknown task '${task}'\n`);
		process.exit(2);
	}
	const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
	const con = await db.connect();
	await con.run(`COPY (${sql}) TO '/dev/stdout' (FORMAT csv, HEADER)`);
	con.closeSync();
}

main().catch((e) => {
	process.stderr.write(`query.cjs: ${e.message}\n`);
	process.exit(1);
});
