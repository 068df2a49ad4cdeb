{#- One row per cdp-predict run, classifier, method and probability bin (tenths): how
    many customers the bin holds, their mean predicted probability and the rate observed
    in the validation window (a reliability diagram). Empty until cdp-predict has run. -#}

with

bins as (

    {{ relation_or_empty(source('predictions', 'prediction_calibration_bins'), {
        'run_id': dbt.type_string(),
        'model_name': dbt.type_string(),
        'method': dbt.type_string(),
        'bin': 'integer',
        'bin_low': 'double precision',
        'bin_high': 'double precision',
        'customers': 'integer',
        'mean_predicted': 'double precision',
        'observed_rate': 'double precision'
    }) }}

),

final as (

    select
        cast(bins.run_id as varchar) as run_id,
        cast(bins.model_name as varchar) as model_name,
        cast(bins.method as varchar) as method,
        cast(bins.bin as integer) as probability_bin,
        cast(bins.bin_low as double precision) as bin_low,
        cast(bins.bin_high as double precision) as bin_high,
        cast(bins.customers as integer) as customers,
        cast(bins.mean_predicted as double precision) as mean_predicted,
        cast(bins.observed_rate as double precision) as observed_rate
    from bins

)

select * from final
