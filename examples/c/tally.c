/* Tallies a pabulib election through ppb's C ABI and prints the funded projects with the reason
 * for each; the whole outcome as JSON with --json. Usage: tally FILE.pb [RULE] [--json] */
#include <stdio.h>
#include <string.h>

#include <ppb/ppb.h>

/* Prints the failed call's status and message; returns the exit code for bad input. */
static int fail(const char* what, ppb_status status) {
  fprintf(stderr, "%s: %s: %s\n", what, ppb_status_name(status), ppb_last_error());
  return status == PPB_ERR_INVALID_ARGUMENT ? 2 : 1;
}

int main(int argc, char** argv) {
  ppb_election* election = NULL;
  ppb_tally_options* options = NULL;
  ppb_outcome* outcome = NULL;
  ppb_status s = PPB_OK;
  int json = 0, code = 0, i = 0;
  const char* rule = "greedy";
  const char* path = NULL;

  for (i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--json") == 0) json = 1;
    else if (path == NULL) path = argv[i];
    else rule = argv[i];
  }
  if (path == NULL) {
    fprintf(stderr, "usage: %s FILE.pb [RULE] [--json]\n", argv[0]);
    return 2;
  }
  if ((s = ppb_election_load_file(path, PPB_LOAD_DEFAULT, &election)) != PPB_OK) return fail("load", s);
  if ((s = ppb_tally_options_new(&options)) != PPB_OK || (s = ppb_tally_options_set(options, "rule", rule)) != PPB_OK ||
      (s = ppb_tally_run(election, options, &outcome)) != PPB_OK) {
    code = fail("tally", s);
  } else if (json) {
    char* text = NULL;
    if ((s = ppb_outcome_to_json(outcome, PPB_JSON_DEFAULT, &text, NULL)) != PPB_OK) code = fail("json", s);
    else printf("%s\n", text);
    ppb_free(text); /* memory from ppb goes back through ppb_free */
  } else {
    size_t funded = 0, k = 0, project = 0;
    int64_t spent = 0, budget = 0;
    ppb_outcome_selected_count(outcome, &funded);
    for (k = 0; k < funded; ++k) {
      const char *id = NULL, *name = NULL, *reason = NULL; /* borrowed: valid while the handles live */
      ppb_outcome_selected(outcome, k, &project);
      ppb_election_project_id(election, project, &id);
      ppb_election_project_name(election, project, &name);
      ppb_outcome_project_reason(outcome, project, &reason);
      printf("funded %-8s %s (%s)\n", id, name, reason);
    }
    ppb_outcome_spent(outcome, &spent);
    ppb_election_budget(election, &budget);
    printf("spent %lld of %lld\n", (long long)spent, (long long)budget);
  }
  ppb_outcome_free(outcome);
  ppb_tally_options_free(options);
  ppb_election_free(election);
  return code;
}
