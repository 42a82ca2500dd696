/* test_fc_decompose.c - classical decomposition, autocorrelation and the
 * thetaf seasonality test against R.  Expected values: hand calculations
 * and numbers printed by R 4.2.2 (forecast 8.20) with sprintf("%.17g");
 * each block names the R call that produced them. */
#include "check.h"
#include "forecast/fc_internal.h"

#include <math.h>
#include <stddef.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* M3 monthly N1402, the first 36 values (datasets/m3/m3_monthly.csv) */
static const double n1402[36] = {
    2640, 2640, 2160, 4200, 3360, 2400, 3600, 1920, 4200, 4560, 480, 3720,
    5640, 2880, 1800, 3120, 2400, 2520, 9000, 2640, 3120, 2880, 8760, 5160,
    2160, 8280, 4920, 3120, 6600, 4080, 5880, 1680, 6720, 2040, 6480, 1920};

/* M3 monthly N2477, first 36: a dip every August */
static const double n2477[36] = {
    4150, 4300, 4300, 4450, 4500, 4400, 3950, 2150, 4350, 4550, 4600, 4250,
    4350, 4400, 4300, 4350, 4350, 4400, 3850, 2300, 4300, 4350, 4350, 4200,
    4150, 4450, 4300, 4350, 4300, 4350, 3900, 2250, 4300, 4450, 4400, 4250};

/* M3 monthly N1771 and N1878, first 36: the two sides of qnorm(0.95) */
static const double n1771[36] = {
    6440, 5960, 5760, 5560, 5740, 6100, 6100, 6460, 6520, 5920, 6160, 6660,
    5880, 6040, 5920, 5520, 5660, 6140, 5600, 5800, 6580, 6440, 5840, 6140,
    5780, 5760, 6060, 5540, 5640, 6520, 5740, 5940, 6500, 6420, 6040, 6000};
static const double n1878[36] = {
    5379.2, 5338,   5977,   5585.6, 5594.2, 5590.6, 5458.8, 4778.8, 3979.2,
    3950,   4659.4, 5552,   5847,   5590,   6060.4, 5997.8, 6238.8, 6138.4,
    5622.6, 5165.6, 4342.4, 4149.4, 4935.6, 6338.2, 5947.4, 5580,   6087,
    5994,   6362.8, 5754.6, 5499,   5027.4, 4182.2, 4177.4, 4451.8, 5166.8};

/* x <- n1402; decompose(ts(x, frequency = 12))$figure, $trend and
 * decompose(ts(x, frequency = 12), type = "multiplicative")$figure */
static void test_r_monthly(void)
{
    static const double add[12] = {
        -257.91666666666669, 1379.5833333333333,  -887.91666666666663,
        -1127.9166666666667, 179.58333333333334,  -1107.9166666666667,
        2689.5833333333335,  -1437.9166666666667, -232.91666666666666,
        -207.91666666666666, 647.08333333333337,  364.58333333333331};
    static const double mul[12] = {
        1.0661798827645392,  1.2650244428559732, 0.75356065715481113,
        0.7628335451665984,  0.99631758199842646, 0.74232048072321666,
        1.6848515772469159,  0.61271241705561208, 0.98960893582719611,
        1.0218993561769318,  0.99044582693111205, 1.1142452960986664};
    static const double trend_mid[24] = {
        3115, 3250, 3245, 3185, 3100, 3065, 3295, 3550, 3535, 3420, 3695, 4100,
        4015, 4095, 4450, 4580, 4755, 4995, 4930, 4760, 4870, 4985, 4855, 4625};
    double fig[12], trend[36], fig2[12];
    CHECK_INT(fdi__fc_decompose(n1402, 36, 12, 0, fig, trend), 0);
    for (int i = 0; i < 12; i++)
        CHECK_NEAR(fig[i], add[i], 1e-12);
    for (int i = 0; i < 6; i++) {
        CHECK(isnan(trend[i]));
        CHECK(isnan(trend[30 + i]));
    }
    for (int i = 0; i < 24; i++)
        CHECK_NEAR(trend[6 + i], trend_mid[i], 1e-12);
    CHECK_INT(fdi__fc_decompose(n1402, 36, 12, 1, fig, NULL), 0);
    for (int i = 0; i < 12; i++)
        CHECK_NEAR(fig[i], mul[i], 1e-12);
    /* trend NULL or not: the same figure */
    CHECK_INT(fdi__fc_decompose(n1402, 36, 12, 1, fig2, trend), 0);
    for (int i = 0; i < 12; i++)
        CHECK_NEAR(fig2[i], fig[i], 0.0);
}

/* q <- c(10, 20, 30, 5, 12, 22, 33, 6, 13, 25, 35, 8, 15, 27, 38, 9)
 * decompose(ts(q, frequency = 4)) (additive, multiplicative: $figure,
 * $trend) and acf(q, lag.max = 4)$acf[-1] */
static void test_r_quarterly(void)
{
    static const double q[16] = {10, 20, 30, 5,  12, 22, 33, 6,
                                 13, 25, 35, 8,  15, 27, 38, 9};
    static const double add[4] = {-6.229166666666667, 4.6041666666666661,
                                  14.229166666666668, -12.604166666666666};
    static const double mul[4] = {0.67814520705589398, 1.2239987621995743,
                                  1.7679627073265562, 0.32989332341797517};
    static const double tr[12] = {16.5,   17, 17.625, 18.125, 18.375, 18.875,
                                  19.5,   20, 20.5,   21,     21.625, 22.125};
    static const double acf[4] = {-0.15726808393152955, -0.55321645499723915,
                                  -0.049799834345665386, 0.72570403092214253};
    double fig[4], trend[16], r[4];
    CHECK_INT(fdi__fc_decompose(q, 16, 4, 0, fig, trend), 0);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(fig[i], add[i], 1e-12);
    CHECK(isnan(trend[0]) && isnan(trend[1]) && isnan(trend[14]) && isnan(trend[15]));
    for (int i = 0; i < 12; i++)
        CHECK_NEAR(trend[2 + i], tr[i], 1e-12);
    CHECK_INT(fdi__fc_decompose(q, 16, 4, 1, fig, NULL), 0);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(fig[i], mul[i], 1e-12);
    fdi__fc_acf(q, 16, 4, r);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(r[i], acf[i], 1e-12);
}

/* Odd season: the plain moving average of order m.
 * o <- c(3,1,4,1,5,9,2,6,5,3,5,8,9,7,9,3,2,3,8,4,6)
 * decompose(ts(o, frequency = 5)) and type = "multiplicative" */
static void test_r_odd(void)
{
    static const double o[21] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5,
                                 8, 9, 7, 9, 3, 2, 3, 8, 4, 6};
    static const double add[5] = {0.47333333333333316, -1.6600000000000001,
                                  0.5900000000000003, 0.18999999999999984,
                                  0.40666666666666679};
    static const double mul[5] = {1.1220367876912924, 0.66384365725994954,
                                  1.1244128445333392, 1.0231410859796612,
                                  1.0665656245357573};
    static const double tr[17] = {
        2.8000000000000003, 4,   4.2000000000000002, 4.6000000000000005,
        5.4000000000000004, 5,   4.2000000000000002, 5.4000000000000004,
        6,                  6.4000000000000004, 7.5999999999999996,
        7.2000000000000011, 6,   4.8000000000000007, 5, 4,
        4.6000000000000005};
    double fig[5], trend[21];
    CHECK_INT(fdi__fc_decompose(o, 21, 5, 0, fig, trend), 0);
    for (int i = 0; i < 5; i++)
        CHECK_NEAR(fig[i], add[i], 1e-12);
    CHECK(isnan(trend[0]) && isnan(trend[1]) && isnan(trend[19]) && isnan(trend[20]));
    for (int i = 0; i < 17; i++)
        CHECK_NEAR(trend[2 + i], tr[i], 1e-12);
    CHECK_INT(fdi__fc_decompose(o, 21, 5, 1, fig, NULL), 0);
    for (int i = 0; i < 5; i++)
        CHECK_NEAR(fig[i], mul[i], 1e-12);
}

/* Hand-checked shapes. */
static void test_hand(void)
{
    double y[24], fig[4], trend[24];
    /* constant: trend = the constant, figure 0 / 1 */
    for (size_t i = 0; i < 24; i++)
        y[i] = 7.0;
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 0, fig, trend), 0);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(fig[i], 0.0, 1e-14);
    for (int i = 2; i < 22; i++)
        CHECK_NEAR(trend[i], 7.0, 1e-14);
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 1, fig, NULL), 0);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(fig[i], 1.0, 1e-14);

    /* pure trend y = 1 + 2t: the centred average is exact, no season */
    for (size_t i = 0; i < 24; i++)
        y[i] = 1.0 + 2.0 * (double)i;
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 0, fig, trend), 0);
    for (int i = 0; i < 4; i++)
        CHECK_NEAR(fig[i], 0.0, 1e-12);
    for (int i = 2; i < 22; i++)
        CHECK_NEAR(trend[i], 1.0 + 2.0 * i, 1e-12);

    /* pure season 1 5 2 8 (mean 4): trend 4, figure -3 1 -2 4, ratios
     * 0.25 1.25 0.5 2 */
    for (size_t i = 0; i < 24; i++)
        y[i] = (double[]){1, 5, 2, 8}[i % 4];
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 0, fig, trend), 0);
    CHECK_NEAR(fig[0], -3.0, 1e-14);
    CHECK_NEAR(fig[1], 1.0, 1e-14);
    CHECK_NEAR(fig[2], -2.0, 1e-14);
    CHECK_NEAR(fig[3], 4.0, 1e-14);
    CHECK_NEAR(trend[10], 4.0, 1e-14);
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 1, fig, NULL), 0);
    CHECK_NEAR(fig[0], 0.25, 1e-14);
    CHECK_NEAR(fig[3], 2.0, 1e-14);
    /* the same season shifted down to negative values: additive figure
     * unchanged */
    for (size_t i = 0; i < 24; i++)
        y[i] -= 100.0;
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 0, fig, trend), 0);
    CHECK_NEAR(fig[0], -3.0, 1e-12);
    CHECK_NEAR(fig[3], 4.0, 1e-12);
    CHECK_NEAR(trend[5], -96.0, 1e-12);

    /* one outlier in zeros, m = 4, n = 8: trend at 2..5 = 1, 2, 2, 2 (the 8
     * weighted 1/8 at the window's end, 1/4 inside); detrended by position
     * 6 -2 -1 -2, mean 1/4 removed.  R: decompose(ts(c(0,0,0,0,8,0,0,0),
     * frequency = 4))$figure = 5.75 -2.25 -1.25 -2.25 */
    {
        double z[8] = {0, 0, 0, 0, 8, 0, 0, 0};
        CHECK_INT(fdi__fc_decompose(z, 8, 4, 0, fig, trend), 0);
        CHECK_NEAR(trend[2], 1.0, 1e-15);
        CHECK_NEAR(trend[3], 2.0, 1e-15);
        CHECK_NEAR(trend[5], 2.0, 1e-15);
        CHECK_NEAR(fig[0], 5.75, 1e-15);
        CHECK_NEAR(fig[1], -2.25, 1e-15);
        CHECK_NEAR(fig[2], -1.25, 1e-15);
        CHECK_NEAR(fig[3], -2.25, 1e-15);
    }

    /* zeros: additive 0; multiplicative 0/0 everywhere, NaN as in R */
    for (size_t i = 0; i < 24; i++)
        y[i] = 0.0;
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 0, fig, NULL), 0);
    CHECK_NEAR(fig[2], 0.0, 0.0);
    CHECK_INT(fdi__fc_decompose(y, 24, 4, 1, fig, NULL), 0);
    CHECK(isnan(fig[0]));

    /* fewer than two periods: refused, as R does */
    CHECK_INT(fdi__fc_decompose(y, 7, 4, 0, fig, NULL), -1);
    CHECK_INT(fdi__fc_decompose(y, 8, 4, 0, fig, NULL), 0);
}

static void test_acf(void)
{
    double r[12], y[4] = {1, 2, 3, 4};
    /* by hand: deviations -1.5 -.5 .5 1.5, c0 = 1.25, c1 = .3125, c2 =
     * -.375, c3 = -.5625 (denominator 4); R: acf(1:4)$acf[-1] */
    fdi__fc_acf(y, 4, 3, r);
    CHECK_NEAR(r[0], 0.25, 1e-15);
    CHECK_NEAR(r[1], -0.30, 1e-15);
    CHECK_NEAR(r[2], -0.45, 1e-15);
    /* lags past the series have no pairs */
    fdi__fc_acf(y, 4, 5, r);
    CHECK_NEAR(r[3], 0.0, 0.0);
    CHECK_NEAR(r[4], 0.0, 0.0);
    /* constant: 0/0, NaN as R's acf */
    {
        double c[6] = {3, 3, 3, 3, 3, 3};
        fdi__fc_acf(c, 6, 2, r);
        CHECK(isnan(r[0]) && isnan(r[1]));
    }
    /* acf(n1402, lag.max = 12)$acf[-1] */
    {
        static const double want[12] = {
            -0.23151421188630486, 0.031917312661498699, 0.13249612403100774,
            0.27304392764857877,  -0.01174160206718346, 0.069519379844961218,
            0.20188113695090434,  -0.15605167958656327, -0.010108527131782943,
            0.19183462532299736,  -0.12752454780361752, -0.01311627906976744};
        fdi__fc_acf(n1402, 36, 12, r);
        for (int i = 0; i < 12; i++)
            CHECK_NEAR(r[i], want[i], 1e-12);
    }
    /* pure season 1 5 2 8 x 6: acf(rep(c(1,5,2,8), 6), lag.max = 4) */
    {
        double s[24];
        for (size_t i = 0; i < 24; i++)
            s[i] = (double[]){1, 5, 2, 8}[i % 4];
        fdi__fc_acf(s, 24, 4, r);
        CHECK_NEAR(r[0], -0.76666666666666672, 1e-12);
        CHECK_NEAR(r[1], 0.61111111111111105, 1e-12);
        CHECK_NEAR(r[2], -0.76111111111111107, 1e-12);
        CHECK_NEAR(r[3], 0.83333333333333337, 1e-12);
    }
}

/* stat <- function(x, m) { r <- acf(x, lag.max = m)$acf[-1];
 *   abs(r[m]) / sqrt((1 + 2 * sum(r[-m]^2)) / length(x)) }
 * and thetaf's decision stat > qnorm(0.95) = 1.6448536269514722 */
static void test_seasonal(void)
{
    double s[25], c[36];
    static const double q[16] = {10, 20, 30, 5,  12, 22, 33, 6,
                                 13, 25, 35, 8,  15, 27, 38, 9};
    static const double o[21] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5,
                                 8, 9, 7, 9, 3, 2, 3, 8, 4, 6};
    CHECK_INT(fdi__fc_seasonal_test(n2477, 36, 12), 1); /* 3.3330402068086951 */
    CHECK_INT(fdi__fc_seasonal_test(n1771, 36, 12), 1); /* 1.6851307312775257 */
    CHECK_INT(fdi__fc_seasonal_test(n1878, 36, 12), 0); /* 1.6438895080382419 */
    CHECK_INT(fdi__fc_seasonal_test(n1402, 36, 12), 0); /* 0.063417630 */
    CHECK_INT(fdi__fc_seasonal_test(q, 16, 4), 1);      /* 2.2486083213721906 */
    CHECK_INT(fdi__fc_seasonal_test(o, 21, 5), 0);      /* 0.7810554205775142 */
    for (size_t i = 0; i < 25; i++)
        s[i] = (double[]){1, 5, 2, 8}[i % 4];
    CHECK_INT(fdi__fc_seasonal_test(s, 24, 4), 1); /* 2.02087 */
    CHECK_INT(fdi__fc_seasonal_test(s, 25, 4), 1); /* 2.073334 */
    CHECK_INT(fdi__fc_seasonal_test(s, 12, 4), 0); /* 1.226321: three years only */
    /* R tests only when n > 2m: exactly two years are never seasonal */
    CHECK_INT(fdi__fc_seasonal_test(s, 8, 4), 0);
    CHECK_INT(fdi__fc_seasonal_test(n2477, 24, 12), 0);
    /* no season to test */
    CHECK_INT(fdi__fc_seasonal_test(n2477, 36, 1), 0);
    /* constant, and constant within all.equal's 1.5e-8 (forecast::
     * is.constant(1000 + 1e-9 * rep(c(1,5,2,8), 3)) is TRUE) */
    for (size_t i = 0; i < 36; i++)
        c[i] = 5.0;
    CHECK_INT(fdi__fc_seasonal_test(c, 36, 12), 0);
    for (size_t i = 0; i < 36; i++)
        c[i] = 1000.0 + 1e-9 * (double[]){1, 5, 2, 8}[i % 4];
    CHECK_INT(fdi__fc_seasonal_test(c, 36, 4), 0);
    /* zeros with one spike a year: seasonal */
    for (size_t i = 0; i < 36; i++)
        c[i] = i % 12 == 11 ? 100.0 : 0.0;
    CHECK_INT(fdi__fc_seasonal_test(c, 36, 12), 1);
}

int main(void)
{
    test_r_monthly();
    test_r_quarterly();
    test_r_odd();
    test_hand();
    test_acf();
    test_seasonal();
    return check_report("test_fc_decompose");
}
