/* units.c - the units fdi knows by name (see units.h). */
#include "base/units.h"
#include "base/caseeq.h"

#include <stddef.h>

static const struct {
    const char *en, *vi, *also[4];
} known_units[] = {
    {"million USD", "triệu USD", {"USD million", "mn USD", "million US$", "USD m"}},
    {"bn VND", "tỷ đồng", {"billion VND", "tỷ VND", "tỷ vnđ", "bn dong"}},
    {"million VND", "triệu đồng", {"triệu VND", "mn VND", "triệu vnđ", NULL}},
    {"bn USD", "tỷ USD", {"billion USD", "USD bn", "USD billion", NULL}},
};

int fdi__unit_known(const char *unit)
{
    for (int i = 0; i < (int)(sizeof known_units / sizeof known_units[0]); i++) {
        if (fdi__caseeq(unit, known_units[i].en) || fdi__caseeq(unit, known_units[i].vi))
            return i;
        for (int k = 0; k < 4 && known_units[i].also[k]; k++)
            if (fdi__caseeq(unit, known_units[i].also[k]))
                return i;
    }
    return -1;
}

const char *fdi__unit_name(int k, int vi)
{
    return vi ? known_units[k].vi : known_units[k].en;
}
