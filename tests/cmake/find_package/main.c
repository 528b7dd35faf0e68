/* A C program built against an installed ppb through find_package(ppb) → ppb::ppb-c, or pkg-config ppb-c. */
#include <stdio.h>

#include <ppb/ppb.h>

int main(int argc, char** argv) {
  ppb_election* e = NULL;
  ppb_outcome* o = NULL;
  int64_t spent = 0, budget = 0;
  if (argc != 2) return 2;
  if (ppb_version_number() != PPB_VERSION_NUMBER) {
    fprintf(stderr, "header %s, library %s\n", PPB_VERSION_STRING, ppb_version_string());
    return 1;
  }
  if (ppb_election_load_file(argv[1], PPB_LOAD_DEFAULT, &e) != PPB_OK || ppb_tally_run(e, NULL, &o) != PPB_OK ||
      ppb_outcome_spent(o, &spent) != PPB_OK || ppb_election_budget(e, &budget) != PPB_OK) {
    fprintf(stderr, "%s\n", ppb_last_error());
    ppb_election_free(e);
    return 1;
  }
  printf("c: spent %lld of %lld\n", (long long)spent, (long long)budget);
  ppb_outcome_free(o);
  ppb_election_free(e);
  return 0;
}
