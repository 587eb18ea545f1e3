#include "cicu.h"

#include <unicode/uchar.h>
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
