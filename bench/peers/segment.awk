# The rfm preset of crm-segment(1) (samples/segment-rfm.yaml) for the awk
# peers: columns r_score, f_score, m_score found by name in the header;
# first matching rule wins, Others by default.
function in_(x, lo, hi) { return x >= lo && x <= hi }
NR == 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	R = col["r_score"]; F = col["f_score"]; M = col["m_score"]
	print $0 ",segment"
	next
}
{
	r = $R; f = $F; m = $M
	if (r == "") seg = "Others"
	else if (in_(r,4,5) && in_(f,4,5) && in_(m,4,5)) seg = "Champions"
	else if (in_(r,2,5) && in_(f,3,5) && in_(m,3,5)) seg = "Loyal Customers"
	else if (in_(r,3,5) && in_(f,1,3) && in_(m,1,3)) seg = "Potential Loyalist"
	else if (in_(r,4,5) && in_(f,1,1) && in_(m,1,1)) seg = "New Customers"
	else if (in_(r,3,4) && in_(f,1,1) && in_(m,1,1)) seg = "Promising"
	else if (in_(r,2,3) && in_(f,2,3) && in_(m,2,3)) seg = "Need Attention"
	else if (in_(r,2,3) && in_(f,1,2) && in_(m,1,2)) seg = "About To Sleep"
	else if (in_(r,1,2) && in_(f,2,5) && in_(m,2,5)) seg = "At Risk"
	else if (in_(r,1,1) && in_(f,4,5) && in_(m,4,5)) seg = "Can't Lose Them"
	else if (in_(r,1,2) && in_(f,1,2) && in_(m,1,2)) seg = "Lost"
	else seg = "Others"
	print $0 "," seg
}
