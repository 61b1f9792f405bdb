module launchplan.local/demoapp

go 1.22
