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
        'bin_low': type_double(),
        'bin_high': type_double(),
        'customers': 'integer',
        'mean_predicted': type_double(),
        'observed_rate': type_double()
    }) }}

),

final as (

    select
        cast(bins.run_id as {{ dbt.type_string() }}) as run_id,
        cast(bins.model_name as {{ dbt.type_string() }}) as model_name,
        cast(bins.method as {{ dbt.type_string() }}) as method,
        cast(bins.bin as integer) as probability_bin,
        cast(bins.bin_low as {{ type_double() }}) as bin_low,
        cast(bins.bin_high as {{ type_double() }}) as bin_high,
        cast(bins.customers as integer) as customers,
        cast(bins.mean_predicted as {{ type_double() }}) as mean_predicted,
        cast(bins.observed_rate as {{ type_double() }}) as observed_rate
    from bins

)

select * from final
