META
key;value
description;tiny approval
num_projects;2
num_votes;2
budget;10
vote_type;approval
min_length;1
max_length;2
PROJECTS
project_id;cost;name
1;6;A
2;5;"B; quoted ""name"""
VOTES
voter_id;vote
v1;1,2
v2;2
