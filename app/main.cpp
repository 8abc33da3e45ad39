#include <cstdio>
int main() { std::puts("rewind"); return 0; }
