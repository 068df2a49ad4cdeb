{#- Top 50 customers by lifetime value (net of refunds, reporting currency), with their RFM
    group, churn risk and masked contact: the list account managers ask for. -#}

select
    metrics.customer_id,
    customers.email_masked,
    customers.country_code,
    metrics.lifetime_value,
    metrics.currency,
    metrics.orders_count,
    metrics.last_order_at,
    metrics.rfm_segment,
    metrics.churn_risk
from {{ ref('bi_customer_metrics') }} as metrics
inner join {{ ref('bi_customers') }} as customers
    on metrics.customer_id = customers.customer_id
where metrics.orders_count > 0
order by metrics.lifetime_value desc, metrics.customer_id asc
limit 50
