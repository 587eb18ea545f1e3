// A thin C wrapper around the system ICU (libicu-dev, ICU 72 on Debian 12).
//
// This header uses only plain C types on purpose: Foundation on Linux carries its own
// private ICU module, and a Swift module that exposes the system ICU headers clashes with
// it ("'UErrorCode' has different definitions in different modules"). ICU headers are
// included only in cicu.c.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Returns 1 when the NFKC_Casefold normalizer has a boundary before code point `c`
/// (text may be split there and each piece normalized alone), 0 when not, -1 on failure.
int32_t cicu_nfkc_cf_has_boundary_before(uint32_t c);

/// Normalizes UTF-16 `src` with NFKC_Casefold (case, width and compatibility folding,
/// default-ignorable code points removed) into `dest`. Returns the length of the result
/// in UTF-16 units, or -1 on failure; a result longer than `capacity` is not written and
/// its needed length is returned.
int32_t cicu_nfkc_cf(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/// Normalizes UTF-16 `src` with NFKC (width and compatibility folding, case kept), with
/// the same contract as cicu_nfkc_cf.
int32_t cicu_nfkc(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/// Normalizes UTF-16 `src` to NFC, with the same contract as cicu_nfkc_cf.
int32_t cicu_nfc(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/// Returns 1 when `c` is a default-ignorable code point (soft hyphen, zero-width space,
/// joiners, variation selectors), else 0.
int32_t cicu_is_default_ignorable(uint32_t c);

/// The number of terminal columns code point `c` takes: 2 for East Asian Wide and
/// Fullwidth characters, 0 for combining marks and other zero-width characters, else 1.
int32_t cicu_display_width(uint32_t c);

/// The ICU version string, such as "72.1", written into `buffer` (NUL-terminated).
void cicu_version(char *buffer, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
