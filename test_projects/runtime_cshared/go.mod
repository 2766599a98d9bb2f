module example.com/rtcshared

go 1.21
