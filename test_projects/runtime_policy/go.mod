module example.com/rtpolicy

go 1.21
