#include <stdio.h>
#include <stdlib.h>

#define MAX_VALUES 64

/* A bounded array of integers. */
struct int_vec {
    int data[MAX_VALUES];
    size_t len;
};

static int vec_push(struct int_vec *v, int value) {
    if (v->len == MAX_VALUES) {
        return -1;
    }
    v->data[v->len++] = value;
    return 0;
}

static int compare_ints(const void *a, const void *b) {
    int x = *(const int *)a;
    int y = *(const int *)b;
    return (x > y) - (x < y);
}

static double vec_median(struct int_vec *v) {
    if (v->len == 0) {
        return 0.0;
    }
    qsort(v->data, v->len, sizeof v->data[0], compare_ints);
    if (v->len % 2 == 1) {
        return v->data[v->len / 2];
    }
    return (v->data[v->len / 2 - 1] + v->data[v->len / 2]) / 2.0;
}

static long vec_sum(const struct int_vec *v) {
    long total = 0;
    for (size_t i = 0; i < v->len; i++) {
        total += v->data[i];
    }
    return total;
}

int main(void) {
    struct int_vec v = {{0}, 0};
    const int input[] = {7, 3, 9, 1, 4, 8};
    for (size_t i = 0; i < sizeof input / sizeof input[0]; i++) {
        if (vec_push(&v, input[i]) != 0) {
            fputs("too many values\n", stderr);
            return 1;
        }
    }
    printf("sum of %zu values: %ld\n", v.len, vec_sum(&v));
    printf("median: %.1f\n", vec_median(&v));
    return 0;
}
