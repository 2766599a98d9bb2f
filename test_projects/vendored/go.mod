module example.com/app

go 1.21

require example.com/greeting v0.1.0
