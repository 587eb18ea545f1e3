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

/// A rule-based English spell-out number formatter (ICU RBNF), for reading number words.
/// Not thread-safe: open one per thread or per value that uses it.
typedef struct cicu_spellout cicu_spellout;

/// Opens a spell-out formatter for English; NULL on failure. Close it with
/// cicu_spellout_close.
cicu_spellout *cicu_spellout_open(void);

/// Closes a formatter from cicu_spellout_open (NULL is ignored).
void cicu_spellout_close(cicu_spellout *formatter);

/// Writes `value` spelled out into `dest` (cardinal, or ordinal when `ordinal` is not 0,
/// such as "eighty-eight" or "eighty-eighth"). Returns the length in UTF-16 units, -1 on
/// failure; a result longer than `capacity` is not written and its length is returned.
int32_t cicu_spellout_format(
    cicu_spellout *formatter, int64_t value, int32_t ordinal, uint16_t *dest, int32_t capacity);

/// Writes the UTS #39 skeleton of UTF-16 `src` into `dest` (look-alike characters mapped to
/// one representative, such as Cyrillic "о" to Latin "o"). Uses one process-wide spoof
/// checker that is never reconfigured, so it is safe from any thread. Returns the length,
/// -1 on failure; a result longer than `capacity` is not written and its length is returned.
int32_t cicu_skeleton(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

/// The Unicode script code (ICU UScriptCode) of code point `c`.
int32_t cicu_script(uint32_t c);

/// Script codes returned by cicu_script for scripts that say nothing about look-alikes.
#define CICU_SCRIPT_COMMON 0
#define CICU_SCRIPT_INHERITED 1
#define CICU_SCRIPT_LATIN 25

/// Writes the long name of script `code` (such as "Cyrillic"), NUL-terminated, into
/// `buffer`; an empty string when unknown or when it does not fit.
void cicu_script_name(int32_t code, char *buffer, int32_t capacity);

/// Converts Traditional Chinese characters in UTF-16 `src` to Simplified (ICU "Hant-Hans"),
/// writing into `dest`. Returns the length written; a value above `capacity` asks for a
/// larger buffer; -1 when the transliterator is unavailable.
int32_t cicu_to_simplified(const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
