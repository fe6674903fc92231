#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable array of integers. */
struct int_vec {
    int *data;
    size_t len;
    size_t cap;
};

static int vec_push(struct int_vec *v, int value) {
    if (v->len == v->cap) {
        size_t cap = v->cap == 0 ? 4 : v->cap * 2;
        int *data = realloc(v->data, cap * sizeof *data);
        if (data == NULL) {
            return -1;
        }
        v->data = data;
        v->cap = cap;
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

static void vec_free(struct int_vec *v) {
    free(v->data);
    memset(v, 0, sizeof *v);
}

int main(void) {
    struct int_vec v = {NULL, 0, 0};
    const int input[] = {7, 3, 9, 1, 4, 8};
    for (size_t i = 0; i < sizeof input / sizeof input[0]; i++) {
        if (vec_push(&v, input[i]) != 0) {
            fprintf(stderr, "out of memory\n");
            vec_free(&v);
            return 1;
        }
    }
    printf("median of %zu values: %.1f\n", v.len, vec_median(&v));
    vec_free(&v);
    return 0;
}
