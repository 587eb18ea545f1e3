#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utrans.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>

static const UNormalizer2 *nfkc_cf_instance(void) {
  // ICU caches the instance itself; the lookup is cheap after the first call and
  // thread-safe.
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *n = unorm2_getNFKCCasefoldInstance(&status);
  return U_FAILURE(status) ? NULL : n;
}

static const UNormalizer2 *nfkc_instance(void) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *n = unorm2_getNFKCInstance(&status);
  return U_FAILURE(status) ? NULL : n;
}

int32_t cicu_nfkc_cf_has_boundary_before(uint32_t c) {
  const UNormalizer2 *n = nfkc_cf_instance();
  if (n == NULL) return -1;
  return unorm2_hasBoundaryBefore(n, (UChar32)c) ? 1 : 0;
}

static int32_t normalize(const UNormalizer2 *n, const uint16_t *src, int32_t length,
                         uint16_t *dest, int32_t capacity) {
  if (n == NULL) return -1;
  UErrorCode status = U_ZERO_ERROR;
  int32_t written =
      unorm2_normalize(n, (const UChar *)src, length, (UChar *)dest, capacity, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return written;
  if (U_FAILURE(status)) return -1;
  return written;
}

int32_t cicu_nfkc_cf(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
  return normalize(nfkc_cf_instance(), src, length, dest, capacity);
}

int32_t cicu_nfkc(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
  return normalize(nfkc_instance(), src, length, dest, capacity);
}

int32_t cicu_nfc(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *n = unorm2_getNFCInstance(&status);
  return normalize(U_FAILURE(status) ? NULL : n, src, length, dest, capacity);
}

int32_t cicu_is_default_ignorable(uint32_t c) {
  return u_hasBinaryProperty((UChar32)c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ? 1 : 0;
}

int32_t cicu_display_width(uint32_t c) {
  UChar32 cp = (UChar32)c;
  int8_t type = u_charType(cp);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) {
    return 0;
  }
  if (u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
  int32_t eaw = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
  if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
  // Emoji presentation characters take two cells in every modern terminal.
  if (u_hasBinaryProperty(cp, UCHAR_EMOJI_PRESENTATION)) return 2;
  return 1;
}

void cicu_version(char *buffer, int32_t capacity) {
  if (capacity < U_MAX_VERSION_STRING_LENGTH) {
    if (capacity > 0) buffer[0] = 0;
    return;
  }
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, buffer);
}

struct cicu_spellout {
  UNumberFormat *cardinal;
  UNumberFormat *ordinal;
};

static UNumberFormat *open_spellout(const char *ruleset) {
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *f = unum_open(UNUM_SPELLOUT, NULL, 0, "en", NULL, &status);
  if (U_FAILURE(status)) return NULL;
  if (ruleset != NULL) {
    UChar name[32];
    int32_t i = 0;
    for (; ruleset[i] != 0 && i < 31; i++) name[i] = (UChar)ruleset[i];
    name[i] = 0;
    unum_setTextAttribute(f, UNUM_DEFAULT_RULESET, name, -1, &status);
    if (U_FAILURE(status)) {
      unum_close(f);
      return NULL;
    }
  }
  return f;
}

cicu_spellout *cicu_spellout_open(void) {
  cicu_spellout *formatter = calloc(1, sizeof(cicu_spellout));
  if (formatter == NULL) return NULL;
  formatter->cardinal = open_spellout(NULL);
  formatter->ordinal = open_spellout("%spellout-ordinal");
  if (formatter->cardinal == NULL || formatter->ordinal == NULL) {
    cicu_spellout_close(formatter);
    return NULL;
  }
  return formatter;
}

void cicu_spellout_close(cicu_spellout *formatter) {
  if (formatter == NULL) return;
  if (formatter->cardinal != NULL) unum_close(formatter->cardinal);
  if (formatter->ordinal != NULL) unum_close(formatter->ordinal);
  free(formatter);
}

int32_t cicu_spellout_format(
    cicu_spellout *formatter, int64_t value, int32_t ordinal, uint16_t *dest, int32_t capacity) {
  if (formatter == NULL) return -1;
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *f = ordinal ? formatter->ordinal : formatter->cardinal;
  int32_t written = unum_formatInt64(f, value, (UChar *)dest, capacity, NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return written;
  if (U_FAILURE(status)) return -1;
  return written;
}

static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;
static USpoofChecker *spoof_checker = NULL;

static void open_spoof_checker(void) {
  UErrorCode status = U_ZERO_ERROR;
  USpoofChecker *checker = uspoof_open(&status);
  spoof_checker = U_FAILURE(status) ? NULL : checker;
}

int32_t cicu_skeleton(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
  pthread_once(&spoof_once, open_spoof_checker);
  if (spoof_checker == NULL) return -1;
  UErrorCode status = U_ZERO_ERROR;
  // uspoof_getSkeleton only reads the checker: concurrent calls are safe.
  int32_t written =
      uspoof_getSkeleton(spoof_checker, 0, (const UChar *)src, length, (UChar *)dest, capacity,
                         &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return written;
  if (U_FAILURE(status)) return -1;
  return written;
}

int32_t cicu_script(uint32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript((UChar32)c, &status);
  return U_FAILURE(status) ? USCRIPT_INVALID_CODE : (int32_t)code;
}

void cicu_script_name(int32_t code, char *buffer, int32_t capacity) {
  if (capacity <= 0) return;
  buffer[0] = 0;
  const char *name = uscript_getName((UScriptCode)code);
  if (name == NULL) return;
  size_t length = strlen(name);
  if ((int32_t)length >= capacity) return;
  memcpy(buffer, name, length + 1);
}

// Traditional → Simplified Chinese (ICU's "Hant-Hans" transliterator). A transliterator is
// not safe for concurrent use, so each thread opens its own on first use and keeps it.
static _Thread_local UTransliterator *hans_transliterator = NULL;
static _Thread_local int hans_failed = 0;

int32_t cicu_to_simplified(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity) {
  if (hans_transliterator == NULL && !hans_failed) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar id[] = {'H', 'a', 'n', 't', '-', 'H', 'a', 'n', 's', 0};
    hans_transliterator = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
      hans_transliterator = NULL;
      hans_failed = 1;
    }
  }
  if (hans_transliterator == NULL) return -1;
  if (length > capacity) return length * 2;
  for (int32_t i = 0; i < length; i++) dest[i] = src[i];
  int32_t textLength = length;
  int32_t limit = length;
  UErrorCode status = U_ZERO_ERROR;
  utrans_transUChars(hans_transliterator, (UChar *)dest, &textLength, capacity, 0, &limit, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return textLength > capacity ? textLength : capacity * 2;
  if (U_FAILURE(status)) return -1;
  return textLength;
}
