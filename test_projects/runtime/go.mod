module example.com/rtcheck

go 1.21
