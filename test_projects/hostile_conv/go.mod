module example.com/hostile_conv

go 1.21
