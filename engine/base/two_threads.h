/* two_threads.h - the one shape of parallel work fdi has: two halves. */
#ifndef FDI_TWO_THREADS_H
#define FDI_TWO_THREADS_H

/* Run fn(a) and fn(b), on two threads when `parallel` (and a thread can
 * be had), else one after the other. */
void fdi__on_two_threads(void *(*fn)(void *), void *a, void *b, int parallel);

#endif
