META
key;value
description;tiny cumulative
num_projects;3
num_votes;2
budget;100.5
vote_type;cumulative
max_sum_points;10
PROJECTS
project_id;cost;category
a;50;x,y
b;40;
c;30;z
VOTES
voter_id;vote;points;age
1;a,c;7,3;30
2;b;10;
