/* Assertion macros for the C ABI tests. They never depend on NDEBUG (a Release build keeps every
 * check), print file:line, the expression and ppb_last_error(), and exit(1) on the first failure. */
#ifndef PPB_TESTS_C_CHECK_H
#define PPB_TESTS_C_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppb/ppb.h"

static long check_count = 0;

#define CHECK(cond)                                                                                  \
  do {                                                                                               \
    ++check_count;                                                                                   \
    if (!(cond)) {                                                                                   \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond,       \
              ppb_last_error());                                                                     \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

#define CHECK_STATUS(expr, want)                                                                     \
  do {                                                                                               \
    const ppb_status got_ = (expr);                                                                  \
    ++check_count;                                                                                   \
    if (got_ != (want)) {                                                                            \
      fprintf(stderr, "%s:%d: %s returned %s, want %s; last error: %s\n", __FILE__, __LINE__, #expr, \
              ppb_status_name(got_), ppb_status_name(want), ppb_last_error());                       \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

#define CHECK_OK(expr) CHECK_STATUS(expr, PPB_OK)

#define CHECK_INT_EQ(a, b)                                                                           \
  do {                                                                                               \
    const long long a_ = (long long)(a), b_ = (long long)(b);                                        \
    ++check_count;                                                                                   \
    if (a_ != b_) {                                                                                  \
      fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, a_, b_); \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

#define CHECK_STR_EQ(a, b)                                                                           \
  do {                                                                                               \
    const char *a_ = (a), *b_ = (b);                                                                 \
    ++check_count;                                                                                   \
    if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                                           \
      fprintf(stderr, "%s:%d: %s == %s failed:\n  \"%s\"\n  \"%s\"\n", __FILE__, __LINE__, #a, #b,   \
              a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                               \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

/* The last error starts with `prefix` (its stable id) and has detailed code `code`. */
#define CHECK_LAST_ERROR(prefix, code)                                                               \
  do {                                                                                               \
    ++check_count;                                                                                   \
    if (strncmp(ppb_last_error(), (prefix), strlen(prefix)) != 0 || ppb_last_error_code() != (code)) { \
      fprintf(stderr, "%s:%d: last error \"%s\" (code %d), want \"%s...\" (code %d)\n", __FILE__,     \
              __LINE__, ppb_last_error(), (int)ppb_last_error_code(), (prefix), (int)(code));        \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

/* `haystack` contains `needle`. */
#define CHECK_CONTAINS(haystack, needle)                                                             \
  do {                                                                                               \
    const char *h_ = (haystack), *n_ = (needle);                                                     \
    ++check_count;                                                                                   \
    if (h_ == NULL || strstr(h_, n_) == NULL) {                                                      \
      fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,                 \
              h_ ? h_ : "(null)", n_);                                                               \
      exit(1);                                                                                       \
    }                                                                                                \
  } while (0)

#define CHECK_DONE(name)                                                                             \
  do {                                                                                               \
    printf("%s: %ld checks passed\n", (name), check_count);                                         \
    return 0;                                                                                        \
  } while (0)

#endif
