#include <cstdlib>

int main() {
    int values[4];
    values[4] = 1;
    int *p = static_cast<int *>(std::malloc(sizeof(int)));
    std::free(p);
    std::free(p);
    return values[0];
}
