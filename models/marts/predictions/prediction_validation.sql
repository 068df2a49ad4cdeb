{#- One row per cdp-predict run, model, method and metric: the out-of-time validation
    figures (AUC, top-decile lift, Brier score, calibration error; MAE, RMSE for value;
    hit rate at k for recommendations) of the model and of its baseline, for BI.
    is_latest_run marks the newest run. Empty until cdp-predict has run. -#}

with

metrics as (

    {{ relation_or_empty(source('predictions', 'prediction_validation_metrics'), {
        'run_id': dbt.type_string(),
        'run_at': 'timestamp',
        'as_of_date': 'date',
        'model_name': dbt.type_string(),
        'method': dbt.type_string(),
        'metric': dbt.type_string(),
        'metric_value': type_double(),
        'train_cutoff': 'date',
        'test_cutoff': 'date',
        'train_rows': 'integer',
        'test_rows': 'integer'
    }) }}

),

final as (

    select
        cast(metrics.run_id as {{ dbt.type_string() }}) as run_id,
        cast(metrics.run_at as timestamp) as run_at,
        cast(metrics.as_of_date as date) as as_of_date,
        cast(metrics.model_name as {{ dbt.type_string() }}) as model_name,
        cast(metrics.method as {{ dbt.type_string() }}) as method,
        cast(metrics.metric as {{ dbt.type_string() }}) as metric,
        cast(metrics.metric_value as {{ type_double() }}) as metric_value,
        cast(metrics.train_cutoff as date) as train_cutoff,
        cast(metrics.test_cutoff as date) as test_cutoff,
        cast(metrics.train_rows as integer) as train_rows,
        cast(metrics.test_rows as integer) as test_rows,
        metrics.run_at = max(metrics.run_at) over () as is_latest_run
    from metrics

)

select * from final
