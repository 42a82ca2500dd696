/* two_threads.c - see two_threads.h. */
#include "base/two_threads.h"

#include <pthread.h>

void fdi__on_two_threads(void *(*fn)(void *), void *a, void *b, int parallel)
{
    pthread_t tid;
    if (parallel && pthread_create(&tid, NULL, fn, a) == 0) {
        fn(b);
        pthread_join(tid, NULL);
    } else {
        fn(a);
        fn(b);
    }
}
