-- every rejection says why
select input_file, input_line from rejected_inputs where reason is null or length(trim(reason)) < 10
