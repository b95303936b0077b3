#include <stdio.h>
int main(void) { puts("mipfb placeholder"); return 0; }
